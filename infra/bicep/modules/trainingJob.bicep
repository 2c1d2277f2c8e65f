metadata description = 'A Container Apps job that runs the training command; its identity alone reads the training data account.'

param name string
param location string
param tags object
param environmentId string
param identityId string
param registryServer string

@description('Image to run; empty on the first provision, before an image has been pushed.')
param image string

@description('Longest a training run may take before it is stopped.')
param replicaTimeoutSeconds int

@description('CPU cores and memory of one training replica (docs/capacity.md sizes them from the data).')
param cpu string
param memory string

@description('Environment variables: every setting the training command reads (composed in main.bicep).')
param env { name: string, value: string }[]

var placeholderImage = 'mcr.microsoft.com/k8se/quickstart-jobs:latest'

resource job 'Microsoft.App/jobs@2024-03-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      // Started per training request (az containerapp job start --args 'train --spec ...'), never on a schedule here.
      triggerType: 'Manual'
      manualTriggerConfig: { parallelism: 1, replicaCompletionCount: 1 }
      replicaTimeout: replicaTimeoutSeconds
      replicaRetryLimit: 0
      registries: [{ server: registryServer, identity: identityId }]
    }
    template: {
      containers: [
        {
          name: 'training'
          image: empty(image) ? placeholderImage : image
          resources: { cpu: json(cpu), memory: memory }
          env: env
        }
      ]
    }
  }
}

output name string = job.name
