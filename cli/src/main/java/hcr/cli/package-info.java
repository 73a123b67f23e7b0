/** placeholder */
package hcr.cli;
