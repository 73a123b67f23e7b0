/** placeholder */
package hcr.console;
