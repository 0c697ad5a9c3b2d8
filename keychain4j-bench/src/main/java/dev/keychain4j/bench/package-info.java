/** JMH benchmarks: each compares keychain4j with the fastest alternative in one run. */
package dev.keychain4j.bench;
