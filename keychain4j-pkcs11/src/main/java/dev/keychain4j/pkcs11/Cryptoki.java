package dev.keychain4j.pkcs11;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;

/**
 * The PKCS#11 functions the element calls, bound by name with JNA. PKCS#11 modules export these
 * symbols directly (SoftHSM2, OpenSC, YubiKey, tpm2-pkcs11 do). {@code CK_ULONG} is a C {@code
 * unsigned long}, hence {@link NativeLong}; {@code CK_BBOOL} is a byte.
 */
interface Cryptoki extends Library {
  NativeLong C_Initialize(Pointer initArgs);

  NativeLong C_GetSlotList(byte tokenPresent, Pointer slots, NativeLongByReference count);

  NativeLong C_GetSlotInfo(NativeLong slot, Pointer info);

  NativeLong C_GetTokenInfo(NativeLong slot, Pointer info);

  NativeLong C_GetMechanismList(NativeLong slot, Pointer mechanisms, NativeLongByReference count);

  NativeLong C_GetMechanismInfo(NativeLong slot, NativeLong type, Pointer info);

  NativeLong C_OpenSession(
      NativeLong slot, NativeLong flags, Pointer application, Pointer notify, NativeLongByReference session);

  NativeLong C_CloseSession(NativeLong session);

  NativeLong C_Login(NativeLong session, NativeLong userType, byte[] pin, NativeLong pinLength);

  NativeLong C_GenerateKeyPair(
      NativeLong session,
      Pointer mechanism,
      Pointer publicTemplate,
      NativeLong publicCount,
      Pointer privateTemplate,
      NativeLong privateCount,
      NativeLongByReference publicKey,
      NativeLongByReference privateKey);

  NativeLong C_GenerateKey(
      NativeLong session, Pointer mechanism, Pointer template, NativeLong count, NativeLongByReference key);

  NativeLong C_FindObjectsInit(NativeLong session, Pointer template, NativeLong count);

  NativeLong C_FindObjects(NativeLong session, Pointer objects, NativeLong max, NativeLongByReference count);

  NativeLong C_FindObjectsFinal(NativeLong session);

  NativeLong C_GetAttributeValue(NativeLong session, NativeLong object, Pointer template, NativeLong count);

  NativeLong C_DestroyObject(NativeLong session, NativeLong object);

  NativeLong C_SignInit(NativeLong session, Pointer mechanism, NativeLong key);

  NativeLong C_Sign(
      NativeLong session, byte[] data, NativeLong dataLength, Pointer signature, NativeLongByReference length);

  NativeLong C_EncryptInit(NativeLong session, Pointer mechanism, NativeLong key);

  NativeLong C_Encrypt(
      NativeLong session, byte[] data, NativeLong dataLength, Pointer out, NativeLongByReference length);

  NativeLong C_DecryptInit(NativeLong session, Pointer mechanism, NativeLong key);

  NativeLong C_Decrypt(
      NativeLong session, byte[] data, NativeLong dataLength, Pointer out, NativeLongByReference length);

  NativeLong C_DeriveKey(
      NativeLong session,
      Pointer mechanism,
      NativeLong baseKey,
      Pointer template,
      NativeLong count,
      NativeLongByReference key);
}
