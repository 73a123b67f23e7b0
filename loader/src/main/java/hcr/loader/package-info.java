/** placeholder */
package hcr.loader;
