/** placeholder */
package hcr.compiler;
