/* b17-static-pointers: what ops.c offers main.c. */
#ifndef OPS_H
#define OPS_H

#include <signal.h>

typedef int (*sort_fn)(const void *a, const void *b);

void ops_setup(int say_exit);
int ops_apply(int i, int x);
sort_fn ops_sorter(void);

extern volatile sig_atomic_t ops_signal_tick;
extern volatile sig_atomic_t ops_signal_seen;

#endif
