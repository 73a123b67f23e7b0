#ifndef DEMO_H
#define DEMO_H

#include <stddef.h>

/* sim.c: the simulation state and its step */
extern long sim_value;
long sim_step(void);

/* stats.c: running total of the values seen */
void stats_record(long value);
long stats_total(void);

/* render.c: formats one output line */
void render_line(char *buf, size_t size, long tick, long value);

#endif
