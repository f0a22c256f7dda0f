Feature: Срок действия маркера и обновление
  The app refreshes with a signed refresh_token grant, uses the rotated refresh token, and survives a failed refresh.

  Background:
    Given the app under test is registered with MockEsia
    And the app can call the ESIA REST API

  @ESIA-C30 @mandatory
  Scenario: Истёк маркер доступа: приложение обновляет его и вызывает REST с новым
    When the person signs in through the app
    And the access token expires
    And the person opens the page that calls the ESIA REST API
    Then the app refreshed with a valid signed refresh_token grant
    And the REST API was called with a Bearer token
    And the person is signed in

  @ESIA-C31 @mandatory
  Scenario: Используется новый маркер обновления, а не прежний
    When the person signs in through the app
    And the access token expires
    And the person opens the page that calls the ESIA REST API
    And the access token expires
    And the person opens the page that calls the ESIA REST API
    Then every refresh used the newest refresh token
    And the person is signed in

  @ESIA-C32 @mandatory
  Scenario: Неудачное обновление завершает сеанс без сбоя
    When the person signs in through the app
    And the person's refresh tokens are revoked
    And the access token expires
    And the person opens the page that calls the ESIA REST API
    Then the app answered without a server error
    And the person is not signed in

  @ESIA-C33 @mandatory
  Scenario: REST отвечает 401 один раз: одно обновление и один повтор
    Given ESIA's REST API answers 401 once
    When the person signs in through the app
    And the person opens the page that calls the ESIA REST API
    Then the app refreshed exactly once and retried the REST call
