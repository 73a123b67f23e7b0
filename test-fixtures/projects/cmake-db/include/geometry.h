/* libgeometry.a: the project's own static library. */
#ifndef GEOMETRY_H
#define GEOMETRY_H

long geometry_area(long w, long h);
long geometry_perimeter(long w, long h);
double geometry_diagonal(long w, long h);

#endif
