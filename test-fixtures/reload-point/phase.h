#ifndef PHASE_H
#define PHASE_H

/* phase.c: the two halves of a tick, and how many ticks were opened */
extern long phase_count;
const char *phase_open(void);
const char *phase_close(void);

#endif
