@epgu
Feature: API ЕПГУ
  The app submits applications through API ЕПГУ with the person's ESIA token (epgu-api.md §1.3, §2) and handles the
  API's refusals, limits, outages and slow statuses as a production system must. Runs only when the target file has an
  epgu block. MockEsia's clock stands still: an order moves only when a step moves the clock.

  Background:
    Given the app under test is registered with MockEsia
    And the app's clean login works
    And the app submits applications through API ЕПГУ

  @EPGU-C01 @mandatory @reading-EpguMessageIdKey @reading-EpguChunkMeta
  Scenario: Заявление подано, дошло до финального статуса, и ИС показывает его
    When the person signs in through the app
    Given the login succeeded
    When the person submits an application through the app
    Given the app submitted an application
    Then the app submitted exactly one application
    When the agency has answered the application
    And the person opens the application's page
    Then the page shows the application's current status
    And the app answered without a server error

  @EPGU-C02 @mandatory
  Scenario: Согласие APIPGU отозвано: ИС сообщает об этом и не повторяет запросы по кругу
    Given the app's clean submission works
    When the person signs in through the app
    Given the login succeeded
    When the person withdraws the consent to API ЕПГУ
    And the person submits an application through the app
    Given the app tried to submit
    Then the app submitted no application
    And the app made at most 3 calls to API ЕПГУ
    And the app answered without a server error

  @EPGU-C03 @mandatory
  Scenario: Ответ 401 посреди подачи: ИС один раз обновляет маркер и не дублирует заявление
    Given the app's clean submission works
    When the person signs in through the app
    Given the login succeeded
    And API ЕПГУ answers the next upload with 401
    When the person submits an application through the app
    Given the injected fault reached the app
    Then the app renewed its token once after the 401
    And the app submitted exactly one application
    And the app answered without a server error

  @EPGU-C04 @mandatory
  Scenario: Ответ 429 и limitation_exception: ИС выжидает, без шквала повторов
    Given the app's clean submission works
    When the person signs in through the app
    Given the login succeeded
    And API ЕПГУ answers every call with 429, then limitation_exception
    When the person submits an application through the app
    Given the injected fault reached the app
    Then the app backed off after every refusal
    And the app submitted no application
    And the app answered without a server error

  @EPGU-C05 @mandatory
  Scenario: Ответы 502, 503, 504 и internal_error: ограниченные повторы с паузами, без дубликата
    Given the app's clean submission works
    When the person signs in through the app
    Given the login succeeded
    And API ЕПГУ answers the next four calls with 502, 503, 504 and internal_error
    When the person submits an application through the app
    Given the injected fault reached the app
    Then the app backed off after every refusal
    And the app submitted at most one application
    And the app answered without a server error

  @EPGU-C06 @mandatory
  Scenario: Архив отклонён (INVALID_FILES_STRUCTURE): ИС показывает отказ, а не «подано»
    Given the app's clean submission works
    And the service refuses every archive with INVALID_FILES_STRUCTURE
    When the person signs in through the app
    Given the login succeeded
    When the person submits an application through the app
    Given the app submitted an application
    When the agency has answered the application
    And the person opens the application's page
    Given the application was refused with INVALID_FILES_STRUCTURE
    Then the page shows the application's refusal
    And the app answered without a server error

  @EPGU-C07 @mandatory
  Scenario: Опрос статуса не чаще заявленного интервала и прекращается на финальном статусе
    Given the app's clean submission works
    When the person signs in through the app
    Given the login succeeded
    When the person submits an application through the app
    Given the app submitted an application
    When the person opens the application's page 4 times in a row
    And the agency has answered the application
    And the person opens the application's page
    Then the page shows the application's current status
    And the app never asked about the application more often than its poll interval
    When the person opens the application's page twice more after the poll interval
    Then the app did not ask about the application again

  @EPGU-C08 @recommended
  Scenario: Отмена заявления только в статусе, который её допускает
    Given the app's clean submission works
    And the service allows cancelling
    And the app offers cancelling
    When the person signs in through the app
    Given the login succeeded
    When the person submits an application through the app
    Given the app submitted an application
    When the person asks the app to cancel the application
    Then the app did not ask API ЕПГУ to cancel
    When the application reaches a status that allows cancelling
    And the person asks the app to cancel the application
    Then the app cancelled the application
    And the app answered without a server error

  @EPGU-C09 @mandatory
  Scenario: Маркер одного пользователя не используется для заявления другого (order_access)
    Given the app's clean submission works
    When the person signs in through the app
    Given the login succeeded
    When the person submits an application through the app
    Given the app submitted an application
    When the agency has answered the application
    And another person signs in through the app on another device
    And that person opens the first person's application page
    Then the app used no token of that person for the first person's application
    And the page does not show the application's status
    And the app answered without a server error
