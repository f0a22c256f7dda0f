@https
Feature: TLS: ESIA's certificate
  An app must talk to ESIA over a TLS connection it has authenticated: the certificate names ESIA's host and chains
  to a root the app trusts. Faced with another host's certificate, or one from a CA it does not trust, the app does
  not complete the token exchange, signs nobody in and does not answer 5xx. These scenarios run when the target's
  esiaUrl is https (MockEsia started with --https; the app trusting its CA, /public/ca.pem).

  Background:
    Given the app under test is registered with MockEsia
    And the app's clean login works

  @ESIA-C70 @mandatory
  Scenario: ЕСИА предъявляет сертификат другого узла
    Given MockEsia presents a certificate for another host
    When the person signs in through the app
    Given the login reached ESIA
    Then the app did not complete the token exchange
    And the person is not signed in
    And the app answered without a server error

  @ESIA-C71 @mandatory
  Scenario: ЕСИА предъявляет сертификат от недоверенного УЦ
    Given MockEsia presents a certificate from a CA the app does not trust
    When the person signs in through the app
    Given the login reached ESIA
    Then the app did not complete the token exchange
    And the person is not signed in
    And the app answered without a server error
