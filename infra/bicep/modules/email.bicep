metadata description = 'Azure Communication Services email with an Azure-managed domain: the SMTP relay approval mail goes through (smtp.azurecomm.net).'

param emailServiceName string
param communicationServiceName string
param tags object

@description('Where ACS stores data at rest (geography, not region).')
param dataLocation string

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: { dataLocation: dataLocation }
}

resource domain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communication 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [domain.id]
  }
}

output communicationServiceId string = communication.id
output communicationServiceName string = communication.name
output senderAddress string = 'DoNotReply@${domain.properties.mailFromSenderDomain}'
