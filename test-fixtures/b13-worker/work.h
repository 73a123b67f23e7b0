/*
 * b13-worker: the module the worker calls. WORK_LIST(X) expands X(n) for
 * n = 0 ... 199: work.c defines work_0 ... work_199 with it, main.c fills
 * its table of pointers with it.
 */
#ifndef WORK_H
#define WORK_H

#define WORK_FUNCTIONS 200

#define WORK_TEN(X, d) X(d##0) X(d##1) X(d##2) X(d##3) X(d##4) \
	X(d##5) X(d##6) X(d##7) X(d##8) X(d##9)
#define WORK_LIST(X) WORK_TEN(X, ) WORK_TEN(X, 1) WORK_TEN(X, 2) \
	WORK_TEN(X, 3) WORK_TEN(X, 4) WORK_TEN(X, 5) WORK_TEN(X, 6) \
	WORK_TEN(X, 7) WORK_TEN(X, 8) WORK_TEN(X, 9) WORK_TEN(X, 10) \
	WORK_TEN(X, 11) WORK_TEN(X, 12) WORK_TEN(X, 13) WORK_TEN(X, 14) \
	WORK_TEN(X, 15) WORK_TEN(X, 16) WORK_TEN(X, 17) WORK_TEN(X, 18) \
	WORK_TEN(X, 19)

#define WORK_DECLARE(n) long work_##n(long x);
WORK_LIST(WORK_DECLARE)

#endif
