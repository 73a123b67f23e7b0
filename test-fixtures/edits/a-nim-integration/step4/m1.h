#ifndef M1_H
#define M1_H

extern int g_1;

int f_1(void);

#endif
