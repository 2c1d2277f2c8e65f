metadata description = 'The action group that calls the rollback webhook (POST /api/alerts on the function app) with the common alert schema.'

param name string
param tags object
param functionAppName string

@description('Route of the alert function (Routes in src/Api), without a leading slash.')
param alertsRoute string

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

// The host key exists once code has been deployed; main.bicep deploys this module only then.
resource group 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: name
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'rollback'
    enabled: true
    webhookReceivers: [
      {
        name: 'rollback-webhook'
        serviceUri: 'https://${site.properties.defaultHostName}/${alertsRoute}?code=${listKeys('${site.id}/host/default', '2024-04-01').functionKeys.default}'
        useCommonAlertSchema: true
        useAadAuth: false
      }
    ]
  }
}
