package com.flightbooking.localinfra;

import jakarta.mail.util.StreamProvider;

import org.eclipse.angus.mail.util.MailStreamProvider;

/**
 * Jakarta Mail 2.1 looks its {@link StreamProvider} up anew for every message, multipart and header block it parses,
 * with a ServiceLoader scan of every jar on the class path (jakartaee/mail-api#699 and #861, open). In the load
 * benchmark's JVM, on the system tests' class path, that scan took 61 % of the mail server's CPU. Named in the system
 * property Jakarta Mail reads first, the provider is instantiated directly. Angus Mail's is the one the scan finds,
 * since GreenMail brings it; a name someone else set is left as it is.
 */
final class MailStreamProviderProperty {

    static final String NAME = StreamProvider.class.getName();

    private MailStreamProviderProperty() {
    }

    static void nameAngusMails() {
        System.getProperties().putIfAbsent(NAME, MailStreamProvider.class.getName());
    }
}
