Feature: Отказы и ошибки ЕСИА
  The app stays signed out, shows an error, calls ESIA no further and never answers 5xx.

  Background:
    Given the app under test is registered with MockEsia
    And the app's clean login works

  @ESIA-C10 @mandatory
  Scenario: Пользователь отказал в доступе (ESIA-007004)
    When the person refuses consent
    Given the login reached ESIA
    Then the person is not signed in
    And the app answered without a server error
    And the app made no token request

  @ESIA-C11 @mandatory
  Scenario: ЕСИА временно недоступна (ESIA-007008)
    Given ESIA answers the next authorization with "ESIA-007008"
    When the person signs in through the app
    Given the injected fault reached the app
    Then the person is not signed in
    And the app answered without a server error
    And the app made no token request

  @ESIA-C12 @mandatory
  Scenario: Обратный вызов с чужим или отсутствующим state
    Given ESIA sends the app back a foreign state
    When the person signs in through the app
    Given the injected fault reached the app
    Then the person is not signed in
    And the app made no token request
    Given ESIA sends the app back a missing state
    When the person signs in through the app
    Given the injected fault reached the app
    Then the person is not signed in
    And the app answered without a server error
    And the app made no token request

  @ESIA-C13 @mandatory
  Scenario: Точка te отвечает ESIA-007011
    Given ESIA answers the next token request with "ESIA-007011"
    When the person signs in through the app
    Given the injected fault reached the app
    Then the person is not signed in
    And the app answered without a server error
    And the app made no REST call

  @ESIA-C14 @mandatory
  Scenario: Точка te отвечает HTTP 500 с HTML
    Given ESIA answers the next token request with an HTML server error
    When the person signs in through the app
    Given the injected fault reached the app
    Then the person is not signed in
    And the app answered without a server error
    And the app made no REST call
