/*
 * test_hooks.h - the program API's tests (test_hooks.c), run by test_hcr.
 */
#ifndef TEST_HOOKS_H
#define TEST_HOOKS_H

#include "check.h"

/*
 * Copies the tests into out (room for max) and returns how many; h and k
 * are the build folders of the test projects h and k.
 */
int hook_tests(const char *h, const char *k, struct test *out, int max);

#endif /* TEST_HOOKS_H */
