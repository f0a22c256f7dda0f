Feature: Вход через ЕСИА
  The app signs a person in with v2/ac and v3/te, signed as ESIA requires.
  Preconditions are "Given" steps after the action: when one does not hold, the scenario is inconclusive, not failed.

  Background:
    Given the app under test is registered with MockEsia

  @ESIA-C01 @mandatory
  Scenario: Успешный вход: запросы проходят все проверки ЕСИА, данные читаются через REST
    When the person signs in through the app
    Then the app's authorization request passed every check
    And the app's token request passed every check
    And the person is signed in
    Given the app can call the ESIA REST API
    When the person opens the page that calls the ESIA REST API
    Then the REST API was called with a Bearer token

  @ESIA-C02 @mandatory
  Scenario: Новый state для каждого входа
    When the person signs in through the app
    And the person signs in through the app again on another device
    Given both logins reached ESIA
    Then every login used a fresh UUID state

  @ESIA-C03 @mandatory
  Scenario: Используются актуальные адреса v2/ac и v3/te
    When the person signs in through the app
    Given the login reached ESIA
    Then the app used only the current endpoints

  @ESIA-C04 @recommended
  Scenario: Запрос маркера с новым state (Методические рекомендации; ЕСИА не проверяет)
    When the person signs in through the app
    Given the app made a token request
    Then the token request used a new state

  @ESIA-C60 @mandatory
  Scenario: Код обменивается один раз: повтор обратного вызова не даёт входа
    When the person signs in through the app
    Given the login succeeded
    When the callback is replayed in a fresh browser
    Then the person is not signed in
    And the app answered without a server error
