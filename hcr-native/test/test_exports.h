/*
 * test_exports.h - the tests of the C names the program exports to code it
 * loads at run time (test_exports.c), run by test_hcr.
 */
#ifndef TEST_EXPORTS_H
#define TEST_EXPORTS_H

#include "check.h"

/*
 * Copies the tests into out (room for max) and returns how many; x is the
 * build folder of the test project x, plugin the plugin built outside it.
 */
int export_tests(const char *x, const char *plugin, struct test *out, int max);

#endif /* TEST_EXPORTS_H */
