package dev.atrium.plugin.runtime.safety;

import static dev.atrium.plugin.runtime.safety.Detections.texts;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class IpAddressDetectorTest {
  private final IpAddressDetector detector = new IpAddressDetector();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "from 192.168.1.20 at noon|192.168.1.20",
        "来自IP10.0.0.1的请求|10.0.0.1",
        "host 198.51.100.7:8080|198.51.100.7",
        "IPv6:2001:db8::1 up|2001:db8::1",
        "[2001:db8::42]:443|2001:db8::42",
        "loopback ::1.|::1",
        "mapped ::ffff:192.0.2.128|::ffff:192.0.2.128",
        "v6 2001:0db8:85a3:0000:0000:8a2e:0370:7334|2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        "地址：240e:3a1:4c2:8f0::25，上海|240e:3a1:4c2:8f0::25",
      })
  void findsAddresses(String text, String address) {
    assertThat(texts(detector, text)).containsExactly(address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "999.1.1.1",
        "256.100.1.1",
        "192.168.1",
        "01.02.03.04",
        "1.2.3.4.5",
        "version 1.2.3.4",
        "版本1.2.3.4",
        "v1.2.3.4",
        "第1.1.1.1条",
        "12:30:45",
        "00:1A:2B:3C:4D:5E",
        "std::vector",
        "dead::beef",
        "1::2::3",
        "1:2:3:4:5:6:7",
      })
  void leavesLookAlikesAlone(String text) {
    assertThat(texts(detector, text)).isEmpty();
  }
}
