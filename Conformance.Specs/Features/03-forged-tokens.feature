Feature: Поддельные и негодные маркеры
  A forged or invalid token must not sign anyone in, and the app must not call the REST API with it. Judged by
  consequences: an app that ignores a forged id_token and takes the person from the verified access token is safe;
  a forged token that names another person shows which token the app relied on.

  Background:
    Given the app under test is registered with MockEsia
    And the app's clean login works

  @ESIA-C20 @mandatory
  Scenario: Неверная подпись маркеров
    Given ESIA issues tokens with the defect BadSignature in the both tokens
    When the person signs in through the app
    And the person opens the REST page, if the app has one
    Given the app received the forged tokens
    Then the app relied on no forged token

  @ESIA-C21 @mandatory
  Scenario: Маркеры подписаны неизвестным ключом
    Given ESIA issues tokens with the defect UnknownKey in the both tokens
    When the person signs in through the app
    And the person opens the REST page, if the app has one
    Given the app received the forged tokens
    Then the app relied on no forged token

  @ESIA-C22 @mandatory
  Scenario: Чужой издатель (iss)
    Given ESIA issues tokens with the defect WrongIssuer in the both tokens
    When the person signs in through the app
    And the person opens the REST page, if the app has one
    Given the app received the forged tokens
    Then the app relied on no forged token

  @ESIA-C23 @mandatory
  Scenario: id_token для другой системы (aud)
    Given ESIA issues tokens with the defect WrongAudience in the id token, naming another person
    When the person signs in through the app
    And the person opens the REST page, if the app has one
    Given the app received the forged tokens
    Then the app relied on no forged token

  @ESIA-C24 @mandatory
  Scenario: Просроченные маркеры
    Given ESIA issues tokens with the defect Expired in the both tokens
    When the person signs in through the app
    And the person opens the REST page, if the app has one
    Given the app received the forged tokens
    Then the app relied on no forged token

  @ESIA-C25 @mandatory
  Scenario: Маркеры, ещё не вступившие в силу
    Given ESIA issues tokens with the defect NotYetValid in the both tokens
    When the person signs in through the app
    And the person opens the REST page, if the app has one
    Given the app received the forged tokens
    Then the app relied on no forged token

  @ESIA-C26 @mandatory
  Scenario: Неподписанные маркеры (alg none)
    Given ESIA issues tokens with the defect AlgNone in the both tokens
    When the person signs in through the app
    And the person opens the REST page, if the app has one
    Given the app received the forged tokens
    Then the app relied on no forged token

  @ESIA-C27 @mandatory
  Scenario: Маркер доступа для другой системы (client_id)
    Given ESIA issues tokens with the defect WrongAudience in the access token, naming another person
    When the person signs in through the app
    And the person opens the REST page, if the app has one
    Given the app received the forged tokens
    Then the app relied on no forged token

  @ESIA-C28 @mandatory
  Scenario: sub в id_token не совпадает с urn:esia:sbj_id
    Given ESIA issues tokens with the defect WrongSubject in the id token, naming another person
    When the person signs in through the app
    And the person opens the REST page, if the app has one
    Given the app received the forged tokens
    Then the app relied on no forged token
