#ifndef CYCLE_H
#define CYCLE_H

/* a.c */
extern int a_count;
int a_inc(void);
int a_step(void);

/* b.c */
extern int b_count;
int b_inc(void);
int b_step(void);

#endif
