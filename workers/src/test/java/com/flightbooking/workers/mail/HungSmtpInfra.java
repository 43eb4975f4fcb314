package com.flightbooking.workers.mail;

import java.util.Map;

import com.flightbooking.events.testing.SwitchableProxy;
import com.flightbooking.localinfra.LocalInfraTestResource;

/**
 * The module's local infrastructure, with a hanging {@link SwitchableProxy} between the workers and the mail server:
 * the workers' mailer talks to an SMTP server that accepts and never answers until the test brings it
 * {@link SwitchableProxy#up() up}. Injected into a test's {@code SwitchableProxy} field.
 */
public class HungSmtpInfra extends LocalInfraTestResource {

    private SwitchableProxy smtp;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        smtp = SwitchableProxy.hangingInFrontOf("smtp://127.0.0.1:" + config.get("quarkus.mailer.port"));
        config.put("quarkus.mailer.port", Integer.toString(smtp.port()));
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(smtp, new TestInjector.MatchesType(SwitchableProxy.class));
    }

    @Override
    public void stop() {
        if (smtp != null) {
            smtp.close();
        }
        super.stop();
    }
}
