Feature: Выход и смена сертификата ЕСИА

  Background:
    Given the app under test is registered with MockEsia

  @ESIA-C40 @mandatory
  Scenario: Выход через /idp/ext/Logout с client_id и redirect_url завершает сеанс приложения
    Given the app can log out
    When the person signs in through the app
    Given the login succeeded
    When the person logs out through the app
    Then the app went through ESIA's logout with client_id and redirect_url
    And the person is not signed in

  @ESIA-C50 @mandatory
  Scenario: ЕСИА сменила сертификат подписи: приложение, доверяющее обоим, продолжает впускать
    Given the app's clean login works
    And ESIA rotates its signing certificate
    When the person signs in through the app
    Given the app received tokens signed with the new key
    Then the person is signed in
