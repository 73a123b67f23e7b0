#ifndef WORK_H
#define WORK_H

long work_step(long value);

#endif
