#ifndef SHAPE_H
#define SHAPE_H

/*
 * Included by area.c and perim.c (not by main.c). b10-header/scale
 * changes SHAPE_REV to 2 and SHAPE_SCALE to 10.
 */
#define SHAPE_REV 1
#define SHAPE_SCALE 1

struct box {
	long w;
	long h;
};

static inline struct box box_at(long tick)
{
	struct box b = { tick * SHAPE_SCALE, 2 * SHAPE_SCALE };

	return b;
}

#endif
