metadata description = 'Event Grid system topic on the storage account and one subscription per blob-triggered function (Flex Consumption runs BlobTrigger only with the EventGrid source).'

param topicName string
param location string
param tags object
param storageAccountId string
param functionAppName string

@description('One entry per [BlobTrigger(..., Source = EventGrid)] function: its name and the container of its path (tests/Infra.Tests checks these against src/Functions).')
param blobTriggers { function: string, container: string }[]

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: topicName
  location: location
  tags: tags
  properties: {
    source: storageAccountId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// The blobs extension key exists once the app's code has been deployed; main.bicep deploys this module only then.
resource subscriptions 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = [
  for trigger in blobTriggers: {
    parent: topic
    name: toLower(trigger.function)
    properties: {
      destination: {
        endpointType: 'WebHook'
        properties: {
          endpointUrl: 'https://${site.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${trigger.function}&code=${listKeys('${site.id}/host/default', '2024-04-01').systemKeys.blobs_extension}'
          maxEventsPerBatch: 1
        }
      }
      filter: {
        includedEventTypes: ['Microsoft.Storage.BlobCreated']
        subjectBeginsWith: '/blobServices/default/containers/${trigger.container}/'
      }
      eventDeliverySchema: 'EventGridSchema'
      retryPolicy: { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 }
    }
  }
]

output topicId string = topic.id
