/*
 * ring: a global array; every tick adds one to each element and returns
 * the sum. b08-global-grows/grow changes RING_LEN from 4 to 64: the grown
 * array needs fresh storage, so its sum starts again from zero.
 */
#include "ring.h"

#define RING_LEN 4

int ring[RING_LEN];

int ring_len(void)
{
	return RING_LEN;
}

long ring_tick(void)
{
	long sum = 0;

	for (int i = 0; i < RING_LEN; i++) {
		ring[i]++;
		sum += ring[i];
	}
	return sum;
}
