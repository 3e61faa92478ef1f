package io.imagesearch.security.key;

class InMemoryApiKeyStoreContractTest extends ApiKeyStoreContract {

  @Override
  protected ApiKeyStore createStore() {
    return new InMemoryApiKeyStore();
  }
}
