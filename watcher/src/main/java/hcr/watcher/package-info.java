/** placeholder */
package hcr.watcher;
