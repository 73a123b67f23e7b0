#ifndef COUNT_H
#define COUNT_H

#include <stddef.h>

void count_tick(long tick);
void count_show(char *buf, size_t size);

#endif
