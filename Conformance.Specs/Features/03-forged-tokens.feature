Feature: Поддельные и негодные маркеры
  A forged or invalid token must not sign anyone in, and the app must not call the REST API with it.

  Background:
    Given the app under test is registered with MockEsia

  @ESIA-C20 @mandatory
  Scenario: Неверная подпись маркеров
    Given ESIA issues tokens with the defect BadSignature in the both tokens
    When the person signs in through the app
    And the person opens the page that calls the ESIA REST API
    Then the person is not signed in
    And the app made no REST call

  @ESIA-C21 @mandatory
  Scenario: Маркеры подписаны неизвестным ключом
    Given ESIA issues tokens with the defect UnknownKey in the both tokens
    When the person signs in through the app
    And the person opens the page that calls the ESIA REST API
    Then the person is not signed in
    And the app made no REST call

  @ESIA-C22 @mandatory
  Scenario: Чужой издатель (iss)
    Given ESIA issues tokens with the defect WrongIssuer in the both tokens
    When the person signs in through the app
    And the person opens the page that calls the ESIA REST API
    Then the person is not signed in
    And the app made no REST call

  @ESIA-C23 @mandatory
  Scenario: id_token для другой системы (aud)
    Given ESIA issues tokens with the defect WrongAudience in the id token
    When the person signs in through the app
    And the person opens the page that calls the ESIA REST API
    Then the person is not signed in
    And the app made no REST call

  @ESIA-C24 @mandatory
  Scenario: Просроченные маркеры
    Given ESIA issues tokens with the defect Expired in the both tokens
    When the person signs in through the app
    And the person opens the page that calls the ESIA REST API
    Then the person is not signed in
    And the app made no REST call

  @ESIA-C25 @mandatory
  Scenario: Маркеры, ещё не вступившие в силу
    Given ESIA issues tokens with the defect NotYetValid in the both tokens
    When the person signs in through the app
    And the person opens the page that calls the ESIA REST API
    Then the person is not signed in
    And the app made no REST call

  @ESIA-C26 @mandatory
  Scenario: Неподписанные маркеры (alg none)
    Given ESIA issues tokens with the defect AlgNone in the both tokens
    When the person signs in through the app
    And the person opens the page that calls the ESIA REST API
    Then the person is not signed in
    And the app made no REST call

  @ESIA-C27 @mandatory
  Scenario: Маркер доступа для другой системы (client_id)
    Given ESIA issues tokens with the defect WrongAudience in the access token
    When the person signs in through the app
    And the person opens the page that calls the ESIA REST API
    Then the person is not signed in
    And the app made no REST call

  @ESIA-C28 @mandatory
  Scenario: sub в id_token не совпадает с urn:esia:sbj_id
    Given ESIA issues tokens with the defect WrongSubject in the id token
    When the person signs in through the app
    And the person opens the page that calls the ESIA REST API
    Then the person is not signed in
    And the app made no REST call
