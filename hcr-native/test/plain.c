/*
 * plain.c - a program using hcr.h, built with a bare gcc: no -DHCR, no
 * libhcr. Every API call must compile to nothing.
 */
#include <stdio.h>

#include "hcr.h"

int main(void)
{
	int i;

	for (i = 0; i < 3; i++)
		hcr_reload_point();
	if (hcrReloadNeeded() || hcrHasModuleChanged("plain"))
		return 1;
	return 0;
}
