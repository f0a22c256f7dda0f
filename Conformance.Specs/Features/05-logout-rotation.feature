Feature: Выход и смена сертификатов ЕСИА и ИС

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

  @ESIA-C51 @mandatory
  Scenario: ИС сменила свой сертификат: вход работает, пока зарегистрированы оба, и после удаления прежнего
    Given the app's clean login works
    And the system is registered with a previous certificate beside its own, as during a certificate change
    When the person signs in through the app
    Then the person is signed in
    When the previous certificate is removed from the system's registration
    And the person signs in through the app again on another device
    Then the person is signed in
    And a request signed with the removed certificate is refused with a diagnosis that names it and its removal
