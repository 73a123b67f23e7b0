#ifndef STATE_H
#define STATE_H

extern int counter;

int state_bump(void);
const char *state_tag(void);

#endif
