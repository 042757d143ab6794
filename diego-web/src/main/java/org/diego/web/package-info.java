/**
 * Thin JAX-RS resources for Diego's BBS routes (same paths and revision suffixes as Diego, JSON
 * bodies with Diego's field names). They decode, call one EJB, and encode; rules live elsewhere.
 */
package org.diego.web;
