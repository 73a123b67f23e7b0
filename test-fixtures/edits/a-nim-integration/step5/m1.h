#ifndef M1_H
#define M1_H

int f_1(void);

#endif
