#ifndef REPORT_H
#define REPORT_H

#include <stddef.h>

void report_line(char *buf, size_t size, long tick);

#endif
