/*
 * swarm.c: one particle, allocated on the heap at the first call and kept
 * through the file-static pointer 'swarm'. The grow variant gives the
 * struct a field before 'vel': objects made before it are misread.
 */
#include <stdio.h>
#include <stdlib.h>

#include "layout.h"

struct particle {
	long id;
	double mass;
	double vel;
};

static struct particle *swarm;

const char *swarm_step(void)
{
	static char line[96];

	if (!swarm) {
		swarm = calloc(1, sizeof *swarm);
		if (!swarm)
			abort();
		swarm->id = 7;
		swarm->mass = 2.0;
	}
	swarm->vel += 1.5;
	snprintf(line, sizeof line, "id %ld mass %.1f vel %.1f v2", swarm->id, swarm->mass,
		 swarm->vel);
	return line;
}
