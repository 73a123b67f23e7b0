/*
 * test_forward.h - the tests of old versions forwarding to new ones
 * (test_forward.c), run by test_hcr.
 */
#ifndef TEST_FORWARD_H
#define TEST_FORWARD_H

#include "check.h"

/*
 * Copies the tests into out (room for max) and returns how many; dir is
 * the folder holding the build folders of the test projects f, e and w.
 */
int forward_tests(const char *dir, struct test *out, int max);

#endif /* TEST_FORWARD_H */
