#ifndef BASE_H
#define BASE_H

#include <stddef.h>

void base_report(char *buf, size_t size);

#endif
