/** Schema migrations with Flyway, run once per cluster start under Flyway's database lock. */
package org.diego.ejb.migration;
