#ifndef VARS_H
#define VARS_H

#include <stdbool.h>

struct point {
	int x;
	int y;
};

enum mode { MODE_IDLE, MODE_RUN = 5, MODE_DONE = 9 };

extern int counter;
extern unsigned char small;
extern double ratio;
extern float scale;
extern bool enabled;
extern char label[]; /* 16 bytes; 32 in the grow variant */
extern struct point origin;
extern int *cursor;
extern const int limit;
extern enum mode mode;

void vars_step(void);

#endif
