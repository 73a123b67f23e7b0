/*
 * test_statics.h - the tests of statics shared between a module's old and
 * new versions (test_statics.c), run by test_hcr.
 */
#ifndef TEST_STATICS_H
#define TEST_STATICS_H

#include "check.h"

/*
 * Copies the tests into out (room for max) and returns how many; dir holds
 * the build folder of the test project s.
 */
int statics_tests(const char *dir, struct test *out, int max);

#endif /* TEST_STATICS_H */
