/* b19-static-worker: what work.c offers main.c. */
#ifndef WORK_H
#define WORK_H

typedef long (*work_fn)(long x);

work_fn work_pointer(void);

#endif
