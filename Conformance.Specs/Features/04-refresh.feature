Feature: Срок действия маркера и обновление
  The app refreshes with a signed refresh_token grant, uses the rotated refresh token, and survives a failed refresh.
  The app's clock is its own: its tokens are issued with a short real lifetime, so that an app refreshing before
  exp and an app refreshing on a 401 are both exercised; each is accepted, as ESIA accepts both.

  Background:
    Given the app under test is registered with MockEsia
    And the app can call the ESIA REST API
    And the app's clean login works

  @ESIA-C30 @mandatory @reading-OldRefreshToken
  Scenario: Истёк маркер доступа: приложение обновляет его и вызывает REST с новым
    Given the app's access tokens live a short time
    When the person signs in through the app
    And the person opens the page that calls the ESIA REST API
    Given the app read the person through the REST API
    And the app holds a refresh token
    When the person opens the REST page once the access token has expired
    Then the app refreshed with a valid signed refresh_token grant
    And the REST API was called with the refreshed access token
    And the app answered without a server error
    And the person is signed in

  @ESIA-C31 @mandatory @reading-OldRefreshToken
  Scenario: Используется новый маркер обновления, а не прежний
    Given the app's access tokens live a short time
    When the person signs in through the app
    And the person opens the REST page once the access token has expired
    And the person opens the REST page once the access token has expired
    Given the app refreshed at least twice
    Then every refresh used the newest refresh token
    And the app answered without a server error
    And the person is signed in

  @ESIA-C32 @mandatory
  Scenario: Неудачное обновление завершает сеанс без сбоя
    Given the app's access tokens live a short time
    When the person signs in through the app
    And the person's refresh tokens are revoked
    And the person opens the REST page once the access token has expired
    Given the app tried to refresh
    Then the app answered without a server error
    And the person is not signed in

  @ESIA-C33 @mandatory
  Scenario: REST отвечает 401 один раз: одно обновление и один повтор
    Given ESIA's REST API answers 401 once
    When the person signs in through the app
    And the person opens the page that calls the ESIA REST API
    Given the injected fault reached the app
    And the app refreshes on a 401
    Then the app refreshed exactly once and retried the REST call
