#ifndef CALC_H
#define CALC_H

/* area.c */
long area(long tick);
int area_rev(void);

/* perim.c */
long perim(long tick);
int perim_rev(void);

#endif
