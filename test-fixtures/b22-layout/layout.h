#ifndef LAYOUT_H
#define LAYOUT_H

/* world.c: steps the global world; "ticks T score S vN". */
const char *world_step(void);

/* swarm.c: steps the particle made on the heap at the first call; "id I vel V vN". */
const char *swarm_step(void);

#endif
