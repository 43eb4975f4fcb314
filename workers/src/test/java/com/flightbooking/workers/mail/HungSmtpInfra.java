package com.flightbooking.workers.mail;

import java.util.Map;

import com.flightbooking.localinfra.LocalInfraTestResource;

/**
 * The module's local infrastructure, with a {@link SwitchableSmtp} between the workers and the mail server: the
 * workers' mailer talks to an SMTP server that hangs until the test {@link SwitchableSmtp#recover() recovers} it.
 * Injected into a test's {@code SwitchableSmtp} field.
 */
public class HungSmtpInfra extends LocalInfraTestResource {

    private SwitchableSmtp smtp;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        smtp = SwitchableSmtp.start(Integer.parseInt(config.get("quarkus.mailer.port")));
        config.put("quarkus.mailer.port", Integer.toString(smtp.port()));
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(smtp, new TestInjector.MatchesType(SwitchableSmtp.class));
    }

    @Override
    public void stop() {
        if (smtp != null) {
            smtp.close();
        }
        super.stop();
    }
}
