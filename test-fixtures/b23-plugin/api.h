/* What b23-plugin offers the plugins it loads, by C name (it is linked -rdynamic). */
#ifndef API_H
#define API_H

int api_add(int a, int b);
extern int api_counter;

int counter_step(void);

#endif
