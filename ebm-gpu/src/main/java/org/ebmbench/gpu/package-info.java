/**
 * The "gpu" engine on ND4J. Not yet stable: a registered skeleton that reports itself unavailable
 * (with the reason) until its operations are built, so {@code --engine gpu} is a known name with
 * a clear answer rather than an unknown one.
 */
package org.ebmbench.gpu;
